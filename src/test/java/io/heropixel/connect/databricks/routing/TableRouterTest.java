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
    assertEquals("`we``ird näme`", Identifiers.quote("we`ird näme")); // a column's name may hold a space
    assertThrows(IllegalArgumentException.class, () -> Identifiers.validate("we`ird näme"));
    assertEquals("`c`.`s`.`t`", new TableId("c", "s", "t").quoted());
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a.b"));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(" "));
  }

  @Test
  void namesFollowTheRulesOfTheirCatalog() {
    // Unity Catalog: no space, '.', '/', control character; 255 characters at most.
    for (String refused : List.of("a b", "a/b", "a.b", "tab\t", "del\u007f", "x".repeat(256))) {
      assertThrows(IllegalArgumentException.class, () -> new TableId("main", "s", refused), refused);
    }
    assertEquals("web-events.ü", new TableId("main", "web-events", "ü").schema() + "." + "ü");
    // hive_metastore: letters, digits and '_' only; topic-derived names always qualify.
    IllegalArgumentException legacy = assertThrows(IllegalArgumentException.class,
        () -> new TableId("HIVE_METASTORE", "web-events", "t"));
    assertTrue(legacy.getMessage().contains("letters, digits and '_'"), legacy.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new TableRouter("hive_metastore", "s", Map.of("t", "page-views")));
    assertEquals(new TableId("hive_metastore", "s", "page_views_eu"),
        new TableRouter("hive_metastore", "s", Map.of()).route("page-views.EU"));
  }
}
