package dev.embedkit.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session for every test class of the JVM: starting Spark costs seconds, so the tests share it
 * (Spark stops it at JVM exit).
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("embedkit-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }
}
