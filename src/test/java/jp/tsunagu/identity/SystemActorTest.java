package jp.tsunagu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

class SystemActorTest {

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void nestedSystemWork_returnsToTheOuterReason_thenToNobody() {
        String names = SystemActor.call("outer", () -> {
            String inner = SystemActor.call("inner", SystemActorTest::currentName);
            return inner + "," + currentName();
        });

        assertThat(names).isEqualTo("system:inner,system:outer");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void systemWork_doesNotChangeTheCallersContextObject() {
        TestActors.signIn("it-steward", "試験 管理者", Role.STEWARD);
        var callers = SecurityContextHolder.getContext();
        var person = callers.getAuthentication();

        SystemActor.run("audit-check", () -> assertThat(currentName()).isEqualTo("system:audit-check"));

        assertThat(SecurityContextHolder.getContext()).isSameAs(callers);
        assertThat(callers.getAuthentication()).isSameAs(person);
    }

    private static String currentName() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
