package io.heropixel.connect.databricks.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRouterTest {

  @Test
  void unlistedTopicsGoToTheDefaultSchemaUnderASafeName() {
    TableRouter router = new TableRouter("main", "raw", Map.of());
    assertEquals(new TableId("main", "raw", "orders_v1_eu"), router.route("Orders.v1-EU"));
    assertEquals(new TableId("main", "raw", "_2024_events"), router.route("2024-events"));
  }

  @Test
  void theMapPicksSchemaAndTable() {
    Map<String, String> map = TableRouter.parseMap(List.of("orders:sales.orders_all", " users : people "));
    TableRouter router = new TableRouter("hive_metastore", "default", map);
    assertEquals(new TableId("hive_metastore", "sales", "orders_all"), router.route("orders"));
    assertEquals(new TableId("hive_metastore", "default", "people"), router.route("users"));
  }

  @Test
  void twoTopicsNeverShareATable() {
    TableRouter router = new TableRouter("c", "s", Map.of());
    router.route("a.b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router.route("a-b"));
    assertTrue(e.getMessage().contains("'a.b'") && e.getMessage().contains("'a-b'"), e.getMessage());
    TableRouter mapped = new TableRouter("c", "s", Map.of("x", "T"));
    mapped.route("x");
    assertThrows(IllegalArgumentException.class, () -> mapped.route("t"), "names collide case-insensitively");
  }

  @Test
  void badEntriesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> TableRouter.parseMap(List.of("no-colon")));
    assertThrows(IllegalArgumentException.class, () -> TableRouter.parseMap(List.of("a:x", "a:y")));
    assertThrows(IllegalArgumentException.class,
        () -> new TableRouter("c", "s", Map.of("a", "too.many.parts")));
  }

  @Test
  void identifiersAreQuotedWithBackticksDoubled() {
    assertEquals("`we``ird name`", Identifiers.quote("we`ird name"));
    assertEquals("`c`.`s`.`t`", new TableId("c", "s", "t").quoted());
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a.b"));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(" "));
  }
}
