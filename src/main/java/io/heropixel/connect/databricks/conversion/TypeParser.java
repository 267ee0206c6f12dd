package io.heropixel.connect.databricks.conversion;

import java.util.ArrayList;
import java.util.List;

/** Reads column types as {@code DESCRIBE TABLE} prints them, e.g. {@code struct<`a b`:array<int>,c:decimal(10,2)>}. */
public final class TypeParser {

  private final String text;
  private int at;

  private TypeParser(String text) {
    this.text = text;
  }

  public static DataType parse(String text) {
    TypeParser parser = new TypeParser(text.trim());
    DataType type = parser.type();
    if (parser.at != parser.text.length()) {
      throw parser.error();
    }
    return type;
  }

  private DataType type() {
    String name = word().toLowerCase(java.util.Locale.ROOT);
    switch (name) {
      case "array" -> {
        expect('<');
        DataType element = type();
        expect('>');
        return new DataType.Array(element);
      }
      case "map" -> {
        expect('<');
        type(); // keys are strings here; see DataType.Map
        expect(',');
        DataType value = type();
        expect('>');
        return new DataType.Map(value);
      }
      case "struct" -> {
        expect('<');
        List<Column> fields = new ArrayList<>();
        while (peek() != '>') {
          if (!fields.isEmpty()) {
            expect(',');
          }
          String field = peek() == '`' ? quoted() : word();
          expect(':');
          fields.add(new Column(field, type(), true));
          skipComment();
        }
        expect('>');
        return new DataType.Struct(fields);
      }
      case "decimal" -> {
        if (peek() != '(') {
          return new DataType.Decimal(10, 0);
        }
        expect('(');
        int precision = Integer.parseInt(word());
        expect(',');
        int scale = Integer.parseInt(word());
        expect(')');
        return new DataType.Decimal(precision, scale);
      }
      default -> {
        return DataType.Primitive.parse(name);
      }
    }
  }

  /** Struct fields may carry {@code COMMENT '...'} and {@code NOT NULL}; neither matters here. */
  private void skipComment() {
    skipSpaces();
    while (at < text.length() && Character.isLetter(text.charAt(at))) {
      String word = word().toUpperCase(java.util.Locale.ROOT);
      if (word.equals("COMMENT")) {
        skipSpaces();
        char quote = text.charAt(at++);
        while (text.charAt(at) != quote) {
          at += text.charAt(at) == '\\' ? 2 : 1;
        }
        at++;
      }
      skipSpaces();
    }
  }

  private String word() {
    skipSpaces();
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    if (start == at) {
      throw error();
    }
    return text.substring(start, at);
  }

  private String quoted() {
    expect('`');
    StringBuilder name = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '`') {
        if (at < text.length() && text.charAt(at) == '`') {
          name.append('`');
          at++;
        } else {
          return name.toString();
        }
      } else {
        name.append(c);
      }
    }
  }

  private char peek() {
    skipSpaces();
    if (at >= text.length()) {
      throw error();
    }
    return text.charAt(at);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error();
    }
    at++;
  }

  private void skipSpaces() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
  }

  private IllegalArgumentException error() {
    return new IllegalArgumentException("Cannot read column type '" + text + "' at position " + at);
  }
}
