package io.heropixel.connect.databricks.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlRewriterTest {

  @TempDir
  static Path dir;

  private final SqlRewriter rewriter = new SqlRewriter(
      UnityCatalogs.open(dir.resolve("unity-catalog.json"), "main"), new LocalVolumes(Path.of("/data/volumes")));

  @Test
  void firstPartOfQualifiedNamesIsMapped() {
    assertEquals(
        "SELECT * FROM `main`.s.t JOIN spark_catalog.`s`.`t` u JOIN other.s.t",
        rewriter.rewrite("SELECT * FROM main.s.t JOIN `hive_metastore`.`s`.`t` u JOIN other.s.t"));
    assertEquals("CREATE SCHEMA IF NOT EXISTS `main` . s", rewriter.rewrite("CREATE SCHEMA IF NOT EXISTS MAIN . s"));
  }

  @Test
  void literalsCommentsAndLaterPartsAreLeftAlone() {
    String sql = "SELECT 'main.s.t', \"main.x\", s.main.c /* main.s */ FROM t -- main.s.t";
    assertEquals(sql, rewriter.rewrite(sql));
    assertEquals("SELECT main FROM t", rewriter.rewrite("SELECT main FROM t"));
  }

  @Test
  void catalogOperandsAreMapped() {
    assertEquals("SET CATALOG `main`", rewriter.rewrite("USE CATALOG Main"));
    assertEquals("SET CATALOG spark_catalog", rewriter.rewrite("SET CATALOG `hive_metastore`"));
    assertEquals("SHOW SCHEMAS IN spark_catalog", rewriter.rewrite("SHOW SCHEMAS IN hive_metastore"));
  }
}
