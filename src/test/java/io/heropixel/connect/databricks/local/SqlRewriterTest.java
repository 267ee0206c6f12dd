package io.heropixel.connect.databricks.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlRewriterTest {

  private final SqlRewriter rewriter = new SqlRewriter("main", new LocalVolumes(java.nio.file.Path.of("/data/volumes")));

  @Test
  void firstPartOfQualifiedNamesIsMapped() {
    assertEquals(
        "SELECT * FROM spark_catalog.s.t JOIN spark_catalog.`s`.`t` u",
        rewriter.rewrite("SELECT * FROM main.s.t JOIN `hive_metastore`.`s`.`t` u"));
    assertEquals("CREATE SCHEMA IF NOT EXISTS spark_catalog . s", rewriter.rewrite("CREATE SCHEMA IF NOT EXISTS MAIN . s"));
  }

  @Test
  void literalsCommentsAndLaterPartsAreLeftAlone() {
    String sql = "SELECT 'main.s.t', \"main.x\", s.main.c /* main.s */ FROM t -- main.s.t";
    assertEquals(sql, rewriter.rewrite(sql));
    assertEquals("SELECT main FROM t", rewriter.rewrite("SELECT main FROM t"));
  }

  @Test
  void catalogOperandsAreMapped() {
    assertEquals("SET CATALOG spark_catalog", rewriter.rewrite("USE CATALOG main"));
    assertEquals("SET CATALOG spark_catalog", rewriter.rewrite("SET CATALOG `hive_metastore`"));
    assertEquals("SHOW SCHEMAS IN spark_catalog", rewriter.rewrite("SHOW SCHEMAS IN main"));
  }
}
