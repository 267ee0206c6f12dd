package io.heropixel.connect.databricks.buffering;

import io.heropixel.connect.databricks.conversion.StreamRow;
import java.io.DataInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The compact binary form of a buffered row, as spilled to disk. A row's topic and partition are not
 * written: its spill file is its partition's. Typed values are tagged by their neutral Java form (see
 * {@code TypedValues}), and a record schema's field names are written once, as a number, from the
 * dictionary of the one buffer that owns the codec; decoding answers the same list instance for every
 * row of a schema, as the Parquet writer expects.
 */
final class RowCodec {

  private static final int NULL = 0;
  private static final int TRUE = 1;
  private static final int FALSE = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int FLOAT = 5;
  private static final int DOUBLE = 6;
  private static final int STRING = 7;
  private static final int BYTES = 8;
  private static final int DECIMAL = 9;
  private static final int LIST = 10;
  private static final int MAP = 11;

  private final Map<List<String>, Integer> schemaIds = new HashMap<>();
  private final List<List<String>> schemas = new ArrayList<>();

  void encode(StreamRow row, ByteSink out) {
    out.writeVarLong(row.offset());
    out.writeVarLong(row.emittedAtMicros());
    UUID id = UUID.fromString(row.abId());
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
    writeNullableString(row.data(), out);
    StreamRow.Fields fields = row.fields();
    if (fields == null) {
      out.writeVarLong(0);
      return;
    }
    out.writeVarLong(schemaId(fields.names()) + 1L);
    for (Object value : fields.values()) {
      writeValue(value, out);
    }
  }

  StreamRow decode(String topic, int partition, DataInput in) throws IOException {
    long offset = readVarLong(in);
    long emittedAtMicros = readVarLong(in);
    String abId = new UUID(in.readLong(), in.readLong()).toString();
    String data = readNullableString(in);
    int schema = (int) readVarLong(in) - 1;
    StreamRow.Fields fields = null;
    if (schema >= 0) {
      List<String> names = schemas.get(schema);
      Object[] values = new Object[names.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = readValue(in);
      }
      fields = new StreamRow.Fields(names, values);
    }
    return new StreamRow(abId, emittedAtMicros, data, topic, partition, offset, fields);
  }

  /** Forgets the schemas of rows that are gone, so that a long-lived buffer's dictionary does not grow. */
  void reset() {
    schemaIds.clear();
    schemas.clear();
  }

  private int schemaId(List<String> names) {
    Integer id = schemaIds.get(names);
    if (id == null) {
      id = schemas.size();
      List<String> copy = List.copyOf(names);
      schemas.add(copy);
      schemaIds.put(copy, id);
    }
    return id;
  }

  private static void writeValue(Object value, ByteSink out) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Integer i) {
      out.writeByte(INT);
      out.writeVarLong(i);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeVarLong(l);
    } else if (value instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeInt(Float.floatToRawIntBits(f));
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(d));
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(s, out);
    } else if (value instanceof ByteBuffer bytes) {
      out.writeByte(BYTES);
      ByteBuffer view = bytes.duplicate();
      out.writeVarLong(view.remaining());
      out.write(view);
    } else if (value instanceof BigDecimal decimal) {
      out.writeByte(DECIMAL);
      out.writeVarLong(decimal.scale());
      byte[] unscaled = decimal.unscaledValue().toByteArray();
      out.writeVarLong(unscaled.length);
      out.write(unscaled, 0, unscaled.length);
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeVarLong(list.size());
      list.forEach(item -> writeValue(item, out));
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeVarLong(map.size());
      map.forEach((k, v) -> {
        writeString((String) k, out);
        writeValue(v, out);
      });
    } else {
      throw new IllegalArgumentException("No spill form for a typed value of " + value.getClass().getName());
    }
  }

  private static Object readValue(DataInput in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case INT -> (int) readVarLong(in);
      case LONG -> readVarLong(in);
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case STRING -> readString(in);
      case BYTES -> ByteBuffer.wrap(readBytes(in));
      case DECIMAL -> {
        int scale = (int) readVarLong(in);
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case LIST -> {
        int size = (int) readVarLong(in);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue(in));
        }
        yield list;
      }
      case MAP -> {
        int size = (int) readVarLong(in);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          map.put(readString(in), readValue(in));
        }
        yield map;
      }
      default -> throw new IOException("Corrupt spill file: unknown value tag " + tag);
    };
  }

  private static void writeNullableString(String s, ByteSink out) {
    if (s == null) {
      out.writeVarLong(0);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeVarLong(utf8.length + 1L);
    out.write(utf8, 0, utf8.length);
  }

  private static String readNullableString(DataInput in) throws IOException {
    int length = (int) readVarLong(in) - 1;
    if (length < 0) {
      return null;
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeString(String s, ByteSink out) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeVarLong(utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  private static String readString(DataInput in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[(int) readVarLong(in)];
    in.readFully(bytes);
    return bytes;
  }

  /** A zig-zag varint, as ByteSink writes it: small magnitudes of either sign take few bytes. */
  private static long readVarLong(DataInput in) throws IOException {
    long raw = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.readByte();
      raw |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
  }
}
