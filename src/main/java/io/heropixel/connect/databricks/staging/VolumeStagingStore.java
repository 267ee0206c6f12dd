package io.heropixel.connect.databricks.staging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.heropixel.connect.databricks.auth.AccessTokens;
import io.heropixel.connect.databricks.auth.OAuthClientCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Staging in a Unity Catalog volume ({@code /Volumes/<catalog>/<schema>/<volume>}) over the Databricks
 * Files API, with the warehouse's host and token. Tables are managed: their data is not in the volume.
 * The volume is created before the first upload.
 */
public final class VolumeStagingStore implements StagingStore {

  /** The workspace's API root, e.g. {@code https://host:443}, its tokens and the volume's path. */
  public record Volume(String apiRoot, AccessTokens tokens, String catalog, String schema, String name) {

    String path() {
      return "/Volumes/" + catalog + "/" + schema + "/" + name;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern TOKEN_REFUSAL = Pattern.compile("access token|expired", Pattern.CASE_INSENSITIVE);

  private final Volume volume;
  private final Runnable createVolume;
  private final HttpClient http;
  private volatile boolean volumeReady;

  /** @param createVolume makes the volume exist; run once, before the first upload */
  public VolumeStagingStore(Volume volume, Runnable createVolume) {
    this.volume = volume;
    this.createVolume = createVolume;
    // HTTP/1.1: the client's default HTTP/2 would try an h2c upgrade against a plain-HTTP (local) server.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void upload(String key, Path file) throws IOException {
    ensureVolume();
    send(filesRequest(key).PUT(HttpRequest.BodyPublishers.ofFile(file)), "upload", key);
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    ensureVolume();
    send(filesRequest(key).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), "upload", key);
  }

  private void ensureVolume() {
    if (!volumeReady) {
      createVolume.run();
      volumeReady = true;
    }
  }

  private HttpRequest.Builder filesRequest(String key) {
    return request("/api/2.0/fs/files" + encode(volume.path() + "/" + key) + "?overwrite=true")
        .header("Content-Type", "application/octet-stream");
  }

  /** Files under a prefix ending in a slash (a directory) or naming one file. */
  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    String directory = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    listInto(directory, keys, new ArrayList<>());
    return keys;
  }

  /** Walks a directory: files go to {@code files}, directories (deepest last) to {@code directories}. */
  private void listInto(String directory, List<String> files, List<String> directories) throws IOException {
    String pageToken = null;
    do {
      String query = pageToken == null ? "" : "?page_token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
      HttpResponse<String> response = send(request("/api/2.0/fs/directories" + encode(volume.path() + "/" + directory)
          + query).GET(), "list", directory);
      if (response == null) {
        return; // no such directory: nothing under it
      }
      Listing listing = Listing.parse(response.body(), volume.path() + "/");
      for (Listing.Entry entry : listing.entries()) {
        if (entry.directory()) {
          directories.add(entry.key());
          listInto(entry.key(), files, directories);
        } else {
          files.add(entry.key());
        }
      }
      pageToken = listing.nextPageToken();
    } while (pageToken != null);
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    String directory = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    List<String> files = new ArrayList<>();
    List<String> directories = new ArrayList<>(List.of(directory));
    listInto(directory, files, directories);
    for (String file : files) {
      send(request("/api/2.0/fs/files" + encode(volume.path() + "/" + file)).DELETE(), "delete", file);
    }
    // The Files API deletes empty directories only: the deepest first.
    for (int i = directories.size() - 1; i >= 0; i--) {
      String dir = directories.get(i);
      send(request("/api/2.0/fs/directories" + encode(volume.path() + "/" + dir)).DELETE(), "delete", dir);
    }
  }

  @Override
  public String location(String key) {
    return volume.path() + "/" + key;
  }

  @Override
  public String tableLocation(String key) {
    return null;
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(volume.apiRoot() + pathAndQuery)).timeout(TIMEOUT);
  }

  /**
   * Answers the response, or null for a 404 of a read or delete (nothing there). A request whose token
   * the workspace refused (an OAuth token that expired on the way) is sent once more with a new token.
   */
  private HttpResponse<String> send(HttpRequest.Builder request, String what, String key) throws IOException {
    String where = "Files API " + what + " of " + volume.path() + "/" + key;
    HttpResponse<String> response = null;
    String presented = null;
    for (int attempt = 1; attempt <= 2 && (response == null || tokenRefused(response)); attempt++) {
      if (response != null) {
        volume.tokens().refused(presented);
      }
      presented = token(where);
      request.setHeader("Authorization", "Bearer " + presented);
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(where + " was interrupted", e);
      } catch (IOException e) {
        throw new IOException(where + " failed: " + e, e);
      }
    }
    int status = response.statusCode();
    if (status < 300) {
      return response;
    }
    if (status == 404 && !what.equals("upload")) {
      return null;
    }
    String message = where + " failed with HTTP " + status + ": " + response.body();
    if (StagingAccessException.isFinal(status)) {
      throw new StagingAccessException(StagingAccessException.of(status), message, null);
    }
    throw new IOException(message);
  }

  /**
   * Whether the workspace refused the token itself: a 401, or a 403 that says so, as Databricks has answered
   * expired tokens with both; a 403 for a missing privilege (WRITE VOLUME) is not worth a new token.
   */
  private static boolean tokenRefused(HttpResponse<String> response) {
    return response.statusCode() == 401
        || response.statusCode() == 403 && TOKEN_REFUSAL.matcher(response.body()).find();
  }

  /** A token to present; a token endpoint that refuses the client is as final as a 401 of the Files API. */
  private String token(String where) throws IOException {
    try {
      return volume.tokens().current();
    } catch (OAuthClientCredentials.OAuthException e) {
      if (StagingAccessException.isFinal(e.status())) {
        throw new StagingAccessException(StagingAccessException.of(e.status()), where + " failed: " + e.getMessage(),
            e);
      }
      throw e;
    }
  }

  /** Percent-encodes each segment of an absolute path, keeping its slashes. */
  private static String encode(String path) {
    return java.util.Arrays.stream(path.split("/", -1))
        .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(java.util.stream.Collectors.joining("/"));
  }

  /** One page of a directory listing: entries as keys relative to the volume. */
  private record Listing(List<Entry> entries, String nextPageToken) {

    record Entry(String key, boolean directory) {}

    static Listing parse(String body, String volumeRoot) throws IOException {
      List<Entry> entries = new ArrayList<>();
      String token = null;
      try (JsonParser p = JSON.createParser(body)) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("contents")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String path = null;
              boolean directory = false;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("path")) {
                  path = p.getText();
                } else if (name.equals("is_directory")) {
                  directory = p.getBooleanValue();
                } else {
                  p.skipChildren();
                }
              }
              String key = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
              entries.add(new Entry(key.substring(volumeRoot.length()), directory));
            }
          } else if (field.equals("next_page_token")) {
            token = p.getText();
          } else {
            p.skipChildren();
          }
        }
      }
      return new Listing(entries, token);
    }
  }

  @Override
  public void close() {
    // Nothing to release: the JDK HttpClient's threads are daemons.
  }
}
