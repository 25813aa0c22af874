# Sourced by scripts/spark-train and scripts/bench-spark.sh (after scripts/jdk.sh): runs Spark in local mode from
# the Maven build's jars, without a Spark installation.
#   spark_classpath [PROFILE]  builds embedkit-spark when its classpath file is missing or older than the sources,
#                              then prints the module's jar and its dependencies, Spark's (provided) included; with
#                              PROFILE (mllib) also that profile's extra dependencies
#   SPARK_JVM_FLAGS            what Spark needs on Java 17+ (as the module's pom gives the tests) and local mode here
spark_classpath() {
  local profile="${1:-}" target="$root/embedkit-spark/target"
  local file="$target/classpath${profile:+-$profile}.txt"
  if [ ! -f "$file" ] || [ -n "$(find "$root"/embedkit-{core,train,spark} -path '*/target' -prune \
       -o \( -name '*.java' -o -name pom.xml \) -newer "$file" -print -quit)" ]; then
    echo "spark: building embedkit-spark${profile:+ with profile $profile} (tests skipped) ..." >&2
    (cd "$root" && mvn -q -B -ntp -DskipTests ${profile:+-P$profile} -pl embedkit-spark -am package \
       dependency:build-classpath -Dmdep.outputFile="target/$(basename "$file")") >&2 || return 1
    touch "$file" # the plugin leaves an unchanged file as it was, which would look stale forever
  fi
  echo "$target/embedkit-spark.jar:$(cat "$file")"
}

SPARK_JVM_FLAGS=(-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1
  -Dlog4j2.configurationFile="$root/embedkit-spark/conf/log4j2.properties")
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
  SPARK_JVM_FLAGS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
