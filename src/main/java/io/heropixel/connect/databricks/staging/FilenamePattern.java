package io.heropixel.connect.databricks.staging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staging file-name pattern of the product doc ({@code s3.filename.pattern}): the one place that
 * knows its placeholders. Parsing rejects unknown placeholders and white space, as the doc asks.
 */
public final class FilenamePattern {

  /** What a staged file name may be made of. */
  public record Context(Instant time, long partNumber, String syncId, String formatExtension) {}

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC);

  private static final Map<String, Function<Context, String>> PLACEHOLDERS = Map.of(
      "date", c -> DATE.format(c.time()),
      "date:yyyy_MM", c -> YEAR_MONTH.format(c.time()),
      "timestamp", c -> Long.toString(c.time().toEpochMilli()),
      "timestamp:millis", c -> Long.toString(c.time().toEpochMilli()),
      "timestamp:micros", c -> Long.toString(epochMicros(c.time())),
      "part_number", c -> Long.toString(c.partNumber()),
      "sync_id", Context::syncId,
      "format_extension", Context::formatExtension);

  public static final String SUPPORTED = "{date}, {date:yyyy_MM}, {timestamp}, {timestamp:millis}, "
      + "{timestamp:micros}, {part_number}, {sync_id}, {format_extension}";

  private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._\\-=]*");

  private final String pattern;
  /** Alternating literal text and placeholder renderers. */
  private final List<Function<Context, String>> parts;
  private final boolean unique;

  private FilenamePattern(String pattern, List<Function<Context, String>> parts, boolean unique) {
    this.pattern = pattern;
    this.parts = parts;
    this.unique = unique;
  }

  /** @throws IllegalArgumentException naming the offending part of the pattern */
  public static FilenamePattern parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("The file name pattern is empty");
    }
    List<Function<Context, String>> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(pattern);
    int last = 0;
    boolean unique = false;
    while (m.find()) {
      addLiteral(parts, pattern.substring(last, m.start()));
      Function<Context, String> placeholder = PLACEHOLDERS.get(m.group(1));
      if (placeholder == null) {
        throw new IllegalArgumentException("Unsupported placeholder " + m.group() + " in file name pattern '"
            + pattern + "'; supported: " + SUPPORTED);
      }
      unique |= m.group(1).equals("part_number");
      parts.add(placeholder);
      last = m.end();
    }
    addLiteral(parts, pattern.substring(last));
    return new FilenamePattern(pattern, List.copyOf(parts), unique);
  }

  private static void addLiteral(List<Function<Context, String>> parts, String literal) {
    if (literal.isEmpty()) {
      return;
    }
    if (!LITERAL.matcher(literal).matches()) {
      throw new IllegalArgumentException("File name pattern text '" + literal
          + "' may hold only letters, digits and . _ - = (no spaces, slashes or stray braces)");
    }
    parts.add(c -> literal);
  }

  /**
   * Renders a file name. A pattern without {part_number} could name two files of one staging table
   * alike, so the part number is then added before the extension of every part after the first.
   */
  public String render(Context context) {
    StringBuilder name = new StringBuilder();
    for (Function<Context, String> part : parts) {
      name.append(part.apply(context));
    }
    if (unique || context.partNumber() == 0) {
      return name.toString();
    }
    String ext = context.formatExtension();
    int at = name.toString().endsWith(ext) ? name.length() - ext.length() : name.length();
    return name.insert(at, "-" + context.partNumber()).toString();
  }

  @Override
  public String toString() {
    return pattern;
  }

  static long epochMicros(Instant time) {
    return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
  }
}
