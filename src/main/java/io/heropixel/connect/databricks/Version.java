package io.heropixel.connect.databricks;

/** The connector's version, as the build wrote it into the jar's manifest. */
final class Version {

  private Version() {}

  static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
