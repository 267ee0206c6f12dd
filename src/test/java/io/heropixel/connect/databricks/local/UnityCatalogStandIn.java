package io.heropixel.connect.databricks.local;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.V1Table;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.execution.datasources.csv.CSVFileFormat;
import org.apache.spark.sql.execution.datasources.v2.csv.CSVTable;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One Unity Catalog catalog, as a Spark catalog plugin ({@code spark.sql.catalog.<name>}): its schemas are
 * databases of the Hive metastore under names of their own ({@link UnityCatalogNames}), so {@code main.s.t}
 * and {@code hive_metastore.s.t} are different tables. Delta does the table work. What Unity Catalog adds is
 * enforced here: its naming rules, and that a table location or a path read in cloud storage lies in an
 * external location ({@link UnityCatalogs#checkLocation}, {@link UnityCatalogs#checkPathRead}).
 */
public final class UnityCatalogStandIn implements TableCatalog, SupportsNamespaces {

  private static final List<String> PATH_FORMATS = List.of("delta", "parquet", "csv", "json");

  private String name;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** The session catalog (Delta's), which this one keeps its tables in. */
  private static TableCatalog stored() {
    return (TableCatalog) SparkSession.active().sessionState().catalogManager().v2SessionCatalog();
  }

  private static SupportsNamespaces storedNamespaces() {
    return (SupportsNamespaces) stored();
  }

  private String[] stored(String[] namespace) {
    if (namespace.length != 1) {
      throw new DatabricksError("NO_SUCH_CATALOG_EXCEPTION", "42704",
          "Catalog '" + (namespace.length == 0 ? name : namespace[0]) + "' was not found.");
    }
    return new String[] {UnityCatalogNames.storedSchema(name, namespace[0])};
  }

  private Identifier stored(Identifier ident) {
    return Identifier.of(stored(ident.namespace()), UnityCatalogNames.storedTable(ident.name()));
  }

  /** {@code delta.`s3://...`}: a path read, which Databricks allows in any catalog. */
  private static boolean isPathRead(Identifier ident) {
    return ident.namespace().length == 1 && PATH_FORMATS.contains(ident.namespace()[0].toLowerCase())
        && new Path(ident.name()).isAbsolute();
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    return Arrays.stream(stored().listTables(stored(namespace)))
        .map(i -> Identifier.of(namespace, UnityCatalogNames.tableOf(i.name())))
        .toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (isPathRead(ident)) {
      UnityCatalogs.current().checkPathRead(ident.name());
      return stored().loadTable(ident);
    }
    if (ident.namespace().length != 1) {
      throw new NoSuchTableException(ident);
    }
    Table table = stored().loadTable(stored(ident));
    // Spark reads a non-Delta table of a catalog plugin only through a V2 table: give CSV one.
    if (table instanceof V1Table v1 && "csv".equalsIgnoreCase(v1.v1Table().provider().getOrElse(() -> ""))) {
      return csv(ident, v1.v1Table());
    }
    return table;
  }

  private Table csv(Identifier ident, CatalogTable table) {
    Map<String, String> options = new java.util.HashMap<>(CollectionConverters.asJava(table.storage().properties()));
    String location = table.location().toString();
    return new CSVTable(name + "." + ident, SparkSession.active(), new CaseInsensitiveStringMap(options),
        CollectionConverters.asScala(List.of(location)).toSeq(), Option.apply(table.schema()), CSVFileFormat.class);
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    UnityCatalogNames.check("table", ident.name());
    String location = properties.get(TableCatalog.PROP_LOCATION);
    if (location != null) {
      UnityCatalogs.current().checkLocation(location);
    }
    return stored().createTable(stored(ident), columns, partitions, properties);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
    return stored().alterTable(stored(ident), changes);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    return stored().dropTable(stored(ident));
  }

  @Override
  public void renameTable(Identifier from, Identifier to) throws NoSuchTableException, TableAlreadyExistsException {
    UnityCatalogNames.check("table", to.name());
    stored().renameTable(stored(from), stored(to));
  }

  @Override
  public String[][] listNamespaces() throws NoSuchNamespaceException {
    String prefix = UnityCatalogNames.storedSchemaPrefix(name);
    return Arrays.stream(storedNamespaces().listNamespaces())
        .filter(ns -> ns.length == 1 && ns[0].startsWith(prefix))
        .map(ns -> new String[] {UnityCatalogNames.schemaOf(ns[0], name)})
        .toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    storedNamespaces().loadNamespaceMetadata(stored(namespace));
    return new String[0][];
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    return storedNamespaces().loadNamespaceMetadata(stored(namespace));
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
    if (namespace.length == 1) {
      UnityCatalogNames.check("schema", namespace[0]);
    }
    String location = metadata.get(SupportsNamespaces.PROP_LOCATION);
    if (location != null) {
      UnityCatalogs.current().checkLocation(location);
    }
    storedNamespaces().createNamespace(stored(namespace), metadata);
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) throws NoSuchNamespaceException {
    storedNamespaces().alterNamespace(stored(namespace), changes);
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade)
      throws NoSuchNamespaceException, NonEmptyNamespaceException {
    return storedNamespaces().dropNamespace(stored(namespace), cascade);
  }
}
