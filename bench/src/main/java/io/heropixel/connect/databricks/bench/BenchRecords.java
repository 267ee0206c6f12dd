package io.heropixel.connect.databricks.bench;

import java.util.Random;

/**
 * The throughput benchmarks' records: deterministic JSON values of one of two sizes, each also available
 * in JsonConverter's schema envelope so every sink sees a Struct (the connector's typed mode and Iceberg
 * need a schema). Record {@code seq} is the same whenever it is made, so the Kafka runs, the Parquet lower
 * bound and the JMH benchmarks all work on the same records.
 */
public enum BenchRecords {

  /** About 100 bytes of flat JSON. */
  SMALL("100b", """
      {"type":"struct","name":"bench.Click","optional":false,"fields":[
       {"field":"id","type":"int64","optional":false},{"field":"ts","type":"int64","optional":false},
       {"field":"user","type":"string","optional":false},{"field":"action","type":"string","optional":false},
       {"field":"amount","type":"double","optional":false},{"field":"ok","type":"boolean","optional":false}]}"""),

  /** About 1 KB of nested JSON: structs two deep, an array of structs, an array of strings. */
  LARGE("1kb", """
      {"type":"struct","name":"bench.Order","optional":false,"fields":[
       {"field":"id","type":"int64","optional":false},{"field":"ts","type":"int64","optional":false},
       {"field":"event","type":"string","optional":false},
       {"field":"customer","type":"struct","optional":false,"fields":[
        {"field":"id","type":"string","optional":false},{"field":"name","type":"string","optional":false},
        {"field":"email","type":"string","optional":false},{"field":"tier","type":"int32","optional":false},
        {"field":"address","type":"struct","optional":false,"fields":[
         {"field":"street","type":"string","optional":false},{"field":"city","type":"string","optional":false},
         {"field":"zip","type":"string","optional":false},{"field":"country","type":"string","optional":false}]}]},
       {"field":"items","type":"array","optional":false,"items":{"type":"struct","optional":false,"fields":[
        {"field":"sku","type":"string","optional":false},{"field":"qty","type":"int32","optional":false},
        {"field":"price","type":"double","optional":false},{"field":"title","type":"string","optional":false}]}},
       {"field":"total","type":"double","optional":false},{"field":"paid","type":"boolean","optional":false},
       {"field":"note","type":"string","optional":false},
       {"field":"tags","type":"array","optional":false,"items":{"type":"string","optional":false}}]}""");

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  private static final String[] EVENTS = {"order_created", "order_paid", "order_shipped", "order_cancelled"};
  private static final String[] ACTIONS = {"view", "click", "scroll", "buy"};
  private static final String[] COUNTRIES = {"DE", "FR", "US", "JP", "BR"};
  private static final long EPOCH_MILLIS = 1_764_000_000_000L;

  private final String label;
  /** The Connect schema as JsonConverter writes it, on one line. */
  private final String schemaJson;

  BenchRecords(String label, String schemaJson) {
    this.label = label;
    this.schemaJson = schemaJson.replace("\n", "");
  }

  public String label() {
    return label;
  }

  public String schemaJson() {
    return schemaJson;
  }

  public static BenchRecords ofLabel(String label) {
    for (BenchRecords r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown record size " + label + " (100b or 1kb)");
  }

  /** What JsonConverter with schemas.enable=true reads: {"schema":...,"payload":...}. */
  public String enveloped(long seq) {
    return "{\"schema\":" + schemaJson + ",\"payload\":" + payload(seq) + "}";
  }

  /** The record's value itself; its UTF-8 length is what the benchmarks count as the record's bytes. */
  public String payload(long seq) {
    Random random = new Random(seq * 31 + ordinal());
    StringBuilder b = new StringBuilder(this == SMALL ? 128 : 1100);
    if (this == SMALL) {
      b.append("{\"id\":").append(seq).append(",\"ts\":").append(EPOCH_MILLIS + seq)
          .append(",\"user\":\"u-").append(10_000 + random.nextInt(90_000))
          .append("\",\"action\":\"").append(ACTIONS[random.nextInt(ACTIONS.length)])
          .append("\",\"amount\":").append(random.nextInt(1_000_000) / 100.0)
          .append(",\"ok\":").append(random.nextBoolean()).append('}');
      return b.toString();
    }
    b.append("{\"id\":").append(seq).append(",\"ts\":").append(EPOCH_MILLIS + seq)
        .append(",\"event\":\"").append(EVENTS[random.nextInt(EVENTS.length)])
        .append("\",\"customer\":{\"id\":\"c-").append(100_000 + random.nextInt(900_000))
        .append("\",\"name\":\"").append(letters(random, 16))
        .append("\",\"email\":\"").append(letters(random, 12)).append("@example.com")
        .append("\",\"tier\":").append(random.nextInt(5))
        .append(",\"address\":{\"street\":\"").append(letters(random, 24))
        .append("\",\"city\":\"").append(letters(random, 10))
        .append("\",\"zip\":\"").append(10_000 + random.nextInt(90_000))
        .append("\",\"country\":\"").append(COUNTRIES[random.nextInt(COUNTRIES.length)]).append("\"}}");
    b.append(",\"items\":[");
    for (int i = 0; i < 5; i++) {
      b.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(100_000 + random.nextInt(900_000))
          .append("\",\"qty\":").append(1 + random.nextInt(9))
          .append(",\"price\":").append(random.nextInt(100_000) / 100.0)
          .append(",\"title\":\"").append(letters(random, 40)).append("\"}");
    }
    b.append("],\"total\":").append(random.nextInt(1_000_000) / 100.0)
        .append(",\"paid\":").append(random.nextBoolean())
        .append(",\"note\":\"").append(letters(random, 220))
        .append("\",\"tags\":[\"").append(letters(random, 6)).append("\",\"").append(letters(random, 8))
        .append("\",\"").append(letters(random, 5)).append("\"]}");
    return b.toString();
  }

  private static String letters(Random random, int n) {
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
    }
    return new String(chars);
  }
}
