package io.heropixel.connect.databricks;

import io.heropixel.connect.databricks.routing.TableId;

/**
 * Told when a table's records reach each {@link LoadStep}. The connector's own behaviour needs none;
 * tests plug one in through {@code load.observer.class} to crash a task at each step. Loads run on loader
 * threads, so it is called from several threads at once.
 */
public interface LoadObserver {

  LoadObserver NONE = (step, table) -> {};

  void reached(LoadStep step, TableId table);
}
