package jp.tsunagu.insights;

import java.time.Instant;

import jp.tsunagu.identity.SystemActor;
import org.springframework.context.ApplicationContext;

/** The public figures computed now, as the background refresh would, for tests outside this package. */
public final class TestFigures {

    private TestFigures() {
    }

    public static PublicFigures computeNow(ApplicationContext context) {
        Insights insights = context.getBean(Insights.class);
        return SystemActor.call("test", () -> insights.computeAt(Instant.now()));
    }
}
