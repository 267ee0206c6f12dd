package io.heropixel.connect.databricks.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Databricks Files API routes the connector uses, over {@link LocalVolumes}: upload, download and
 * delete a file ({@code /api/2.0/fs/files/Volumes/...}), list and delete an empty directory
 * ({@code /api/2.0/fs/directories/Volumes/...}). The catalog must be a Unity Catalog one and uploads need
 * the volume to exist, as on Databricks.
 */
final class FilesApi {

  static final String ROOT = "/api/2.0/fs/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalVolumes volumes;
  private final UnityCatalogs catalogs;

  FilesApi(LocalVolumes volumes, UnityCatalogs catalogs) {
    this.volumes = volumes;
    this.catalogs = catalogs;
  }

  /** Handles a request under {@link #ROOT}. */
  void handle(HttpExchange exchange, String method, String rawPath) throws IOException {
    String rest = URLDecoder.decode(rawPath.substring(ROOT.length()), StandardCharsets.UTF_8);
    boolean files = rest.startsWith("files/");
    boolean directories = rest.startsWith("directories/");
    String volumePath = rest.substring(rest.indexOf('/'));
    if (!files && !directories || !volumePath.startsWith(LocalVolumes.PREFIX)) {
      notFound(exchange, "No API found for '" + method + " " + rawPath + "'");
      return;
    }
    // Volumes live in Unity Catalog catalogs only: hive_metastore is no such catalog.
    String catalog = volumePath.substring(LocalVolumes.PREFIX.length()).split("/", 2)[0];
    if (!catalogs.exists(catalog)) {
      notFound(exchange, "Catalog '" + catalog + "' does not exist.");
      return;
    }
    Path target = volumes.resolve(volumePath);
    switch (method + (files ? " file" : " directory")) {
      case "PUT file" -> upload(exchange, volumePath, target);
      case "GET file" -> download(exchange, volumePath);
      case "DELETE file", "DELETE directory" -> delete(exchange, volumePath, target);
      case "GET directory" -> list(exchange, volumePath);
      default -> notFound(exchange, "No API found for '" + method + " " + rawPath + "'");
    }
  }

  private void upload(HttpExchange exchange, String volumePath, Path target) throws IOException {
    String[] parts = volumePath.substring(LocalVolumes.PREFIX.length()).split("/");
    if (volumes.existing(LocalVolumes.PREFIX + parts[0] + "/" + parts[1] + "/" + parts[2]).isEmpty()) {
      notFound(exchange, "Volume '" + parts[0] + "." + parts[1] + "." + parts[2] + "' does not exist.");
      return;
    }
    Files.createDirectories(target.getParent());
    try (InputStream in = exchange.getRequestBody()) {
      Files.write(target, in.readAllBytes());
    }
    sendEmpty(exchange, 204);
  }

  private void download(HttpExchange exchange, String volumePath) throws IOException {
    Optional<Path> file = volumes.existing(volumePath).filter(Files::isRegularFile);
    if (file.isEmpty()) {
      notFound(exchange, "The file being accessed is not found.");
      return;
    }
    byte[] bytes = Files.readAllBytes(file.get());
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void delete(HttpExchange exchange, String volumePath, Path target) throws IOException {
    if (volumes.existing(volumePath).isEmpty()) {
      notFound(exchange, "The file or directory being accessed is not found.");
      return;
    }
    Files.delete(target); // a non-empty directory fails, as the Files API does
    sendEmpty(exchange, 204);
  }

  private void list(HttpExchange exchange, String volumePath) throws IOException {
    Optional<Path> directory = volumes.existing(volumePath).filter(Files::isDirectory);
    if (directory.isEmpty()) {
      notFound(exchange, "The directory being accessed is not found.");
      return;
    }
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode contents = body.putArray("contents");
    try (Stream<Path> children = Files.list(directory.get())) {
      for (Path child : children.sorted().toList()) {
        boolean isDirectory = Files.isDirectory(child);
        ObjectNode entry = contents.addObject();
        entry.put("path", volumes.volumePath(child) + (isDirectory ? "/" : ""));
        entry.put("is_directory", isDirectory);
        entry.put("name", child.getFileName().toString());
        if (!isDirectory) {
          entry.put("file_size", Files.size(child));
          entry.put("last_modified", Files.getLastModifiedTime(child).toMillis());
        }
      }
    }
    StatementApiServer.send(exchange, 200, body);
  }

  private static void notFound(HttpExchange exchange, String message) throws IOException {
    StatementApiServer.send(exchange, 404, StatementApiServer.error("NOT_FOUND", message));
  }

  private static void sendEmpty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }
}
