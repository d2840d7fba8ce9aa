"""Example Airflow DAG: a daily synthetic copy of one partitioned table with lakesynth.

profile -> fit -> generate (the run date's partition, mode=slice) -> evaluate (with the gate).

Each task is a SparkSubmitOperator running io.lakesynth.jobs.Main from the spark-submit jar
(jobs/target/lakesynth-jobs-<version>-spark.jar). The mapping to the command line is direct:

    scripts/submit --master M --conf k=v  <command> --config F --run-date D --set k=v
    SparkSubmitOperator(conn_id=<connection with master M>, conf={k: v},
                        application=JAR, java_class="io.lakesynth.jobs.Main",
                        application_args=[<command>, "--config", F, "--run-date", D, "--set", "k=v"])

lakesynth's exit codes fail the task: 2 configuration, 3 bad input, 4 the quality/privacy gate,
5 storage failed while writing (nothing committed: Airflow's retries are safe; a slice rerun
replaces exactly that partition, Delta appends carry txnAppId/txnVersion from the run id).
Backfill a date range with `airflow dags backfill -s 2024-01-01 -e 2024-01-31 lakesynth_daily`:
each day is its own slice, so runs may go in any order or in parallel.

Credentials: none here. S3A takes them from the cluster's provider chain (instance role,
environment, Hadoop credential providers).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/lakesynth/lakesynth-jobs-0.1.0-SNAPSHOT-spark.jar"  # scripts/submit's jar, copied to the cluster
CONFIG = "/opt/lakesynth/conf/sales.conf"  # a lakesynth HOCON file on the Airflow worker (client mode)
WORK = "s3a://lake/lakesynth/sales"  # profile, model and report of each run live under it
RUN_DATE = "{{ ds }}"  # Airflow's logical date, yyyy-MM-dd

SPARK_CONF = {
    "spark.sql.shuffle.partitions": "200",
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}


def lakesynth(task_id, command, *args, **kwargs):
    """One lakesynth command as a SparkSubmitOperator task (the templated run date included)."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=JAR,
        java_class="io.lakesynth.jobs.Main",
        name=f"lakesynth-{command}-{RUN_DATE}",
        conf=SPARK_CONF,
        deploy_mode="client",
        application_args=[
            command,
            "--config", CONFIG,
            "--run-date", RUN_DATE,
            "--work-dir", f"{WORK}/{RUN_DATE}",
            *args,
        ],
        **kwargs,
    )


with DAG(
    dag_id="lakesynth_daily",
    description="Synthetic copy of the sales table, one partition a day",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=4,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["lakesynth", "synthetic-data"],
) as dag:
    day = f"event_date = '{RUN_DATE}'"
    profile = lakesynth("profile", "profile", "--set", f"source.filter={day}")
    fit = lakesynth("fit", "fit", "--set", f"source.filter={day}")
    generate = lakesynth(
        "generate",
        "generate",
        "--mode", "slice",
        "--output", "s3a://lake/synthetic/sales",
        "--output-format", "delta",
        "--set", "generate.slice.column=event_date",
        "--set", f"generate.slice.from={RUN_DATE}",
        "--set", f"generate.slice.to={RUN_DATE}",
    )
    # the gate (exit 4) fails the run when quality or privacy drop below the configured floors;
    # no retries: a second look at the same data gives the same verdict
    evaluate = lakesynth(
        "evaluate",
        "evaluate",
        "--synthetic", "s3a://lake/synthetic/sales",
        "--set", f"source.filter={day}",
        "--set", f"evaluate.synthetic-filter={day}",
        "--set", "evaluate.gate.min-quality=0.9",
        retries=0,
    )

    profile >> fit >> generate >> evaluate
