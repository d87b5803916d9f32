package jp.tsunagu.record;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo patients load in the background after start; their accounts are linked last. */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    public static void await(JdbcClient jdbc) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (jdbc.sql("select count(*) from directory_patient where account_subject in ('patient.sato', 'patient.suzuki')")
                .query(Long.class).single() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo patients did not load within two minutes");
            }
            Thread.sleep(200);
        }
    }
}
