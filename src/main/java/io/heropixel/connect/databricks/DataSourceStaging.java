package io.heropixel.connect.databricks;

import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_ACCOUNT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_CONTAINER;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_ENDPOINT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.AZURE_SAS_TOKEN;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_BUCKET;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_ENDPOINT;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.S3_SECRET_KEY;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.SERVER_HOSTNAME;
import static io.heropixel.connect.databricks.config.DatabricksSinkConfig.TOKEN;

import io.heropixel.connect.databricks.auth.AccessTokens;
import io.heropixel.connect.databricks.config.DatabricksSinkConfig;
import io.heropixel.connect.databricks.staging.AzureBlobStagingStore;
import io.heropixel.connect.databricks.staging.CsvStagingFormat;
import io.heropixel.connect.databricks.staging.DeltaStagingFormat;
import io.heropixel.connect.databricks.staging.S3StagingStore;
import io.heropixel.connect.databricks.staging.StagingAccessException;
import io.heropixel.connect.databricks.staging.StagingFormat;
import io.heropixel.connect.databricks.staging.StagingLayout;
import io.heropixel.connect.databricks.staging.StagingStore;
import io.heropixel.connect.databricks.staging.VolumeStagingStore;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place where {@code data.source.type} is turned into staging: which store, which file format
 * and which layout, and which settings to blame when the storage cannot be used.
 *
 * @param fields the keys that validate() names for an unreachable storage, refused credentials and a
 *     missing bucket or container
 */
record DataSourceStaging(Supplier<StagingStore> store, StagingFormat format, StagingLayout layout, Fields fields) {

  /**
   * The settings at fault for each way the storage can fail a probe; {@code notFound} is null where a
   * missing place is no fault because the connector creates it (the managed-tables volume).
   */
  record Fields(String unreachable, String denied, String notFound) {}

  /**
   * @param createVolume makes the managed-tables staging volume exist (catalog, schema, volume); unused by
   *     external storage
   */
  static DataSourceStaging of(DatabricksSinkConfig config, VolumeCreator createVolume) {
    return switch (config.dataSource()) {
      case S3 -> new DataSourceStaging(() -> new S3StagingStore(config.s3()), new DeltaStagingFormat(),
          new StagingLayout(config.s3().path()), new Fields(S3_ENDPOINT, S3_SECRET_KEY, S3_BUCKET));
      case AZURE_BLOB -> new DataSourceStaging(() -> new AzureBlobStagingStore(config.azure()),
          new CsvStagingFormat(), new StagingLayout(""), new Fields(
              config.azure().endpoint().isBlank() ? AZURE_ACCOUNT : AZURE_ENDPOINT, AZURE_SAS_TOKEN, AZURE_CONTAINER));
      case MANAGED_TABLES -> {
        VolumeStagingStore.Volume volume = volume(config);
        yield new DataSourceStaging(() -> new VolumeStagingStore(volume,
            () -> createVolume.create(volume.catalog(), volume.schema(), volume.name())),
            new DeltaStagingFormat(), new StagingLayout(""), new Fields(SERVER_HOSTNAME, TOKEN, null));
      }
    };
  }

  /** Creates a Unity Catalog volume unless it exists. */
  interface VolumeCreator {
    void create(String catalog, String schema, String volume);
  }

  /** The staging volume, reached at the warehouse's host and port (plain HTTP where the JDBC URL says ssl=0). */
  private static VolumeStagingStore.Volume volume(DatabricksSinkConfig config) {
    return new VolumeStagingStore.Volume(config.workspaceUrl(), AccessTokens.of(config), config.catalog(),
        config.schema(), config.volume());
  }

  /**
   * Writes and deletes a small object, for validate(): answers the failure on the setting at fault, or
   * nothing when the storage is reachable and writable.
   */
  Map<String, String> probe() {
    String key = layout.probe();
    try (StagingStore probed = store.get()) {
      probed.put(key, new byte[0]);
      probed.deletePrefix(key);
      return Map.of();
    } catch (StagingAccessException e) {
      if (e.reason() == StagingAccessException.Reason.NOT_FOUND && fields.notFound() == null) {
        return Map.of(); // reached and authorized; the first load creates the missing place
      }
      String field = switch (e.reason()) {
        case DENIED -> fields.denied();
        case NOT_FOUND -> fields.notFound();
        case REJECTED -> fields.denied();
      };
      return Map.of(field, "The staging storage refused a test write: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return Map.of(fields.unreachable(), "The staging storage is not reachable: " + e.getMessage());
    }
  }
}
