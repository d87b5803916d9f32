package jp.tsunagu.identity;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.vaadin.flow.internal.CurrentInstance;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work of the portal itself (command-line import, demo data) as {@link Authorities#SYSTEM}, so
 * that it passes the same {@code @PreAuthorize} checks as a person or API client would, and the
 * audit log can name why it ran. The caller's own security context is back afterwards, also when
 * the work fails.
 *
 * <p>The authority holds for the calling thread only: work handed to another thread (an executor,
 * {@code @Async}) does not carry it.
 *
 * <p>Only for work nobody signed in asked for: scheduled jobs, event listeners, commands and the demo loader.
 * A person's request runs with the person's own permission; the house rule {@code SYSTEM_ACTOR_ONLY_IN_JOBS}
 * (ArchitectureTest) allows this class only where {@code HouseRules.SYSTEM_ACTOR_ALLOWED} names the caller.
 */
public final class SystemActor {

    private SystemActor() {
    }

    /**
     * @param reason why the portal acts, e.g. {@code "fhir-import"}; the principal is named
     *     {@code system:<reason>}
     */
    public static <T extends @Nullable Object> T call(String reason, Supplier<T> work) {
        // Inside a Vaadin request, Vaadin's security-context strategy answers with the signed-in user kept in
        // the Vaadin session before it looks at the thread's own context, so the system context set below
        // would never be seen. Step out of the Vaadin session (this thread only) while the system acts.
        Map<Class<?>, CurrentInstance> vaadin = CurrentInstance.getInstances();
        CurrentInstance.clearAll();
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new SystemAuthentication("system:" + reason));
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
            CurrentInstance.restoreInstances(vaadin);
        }
    }

    /** As {@link #call}, for work without a result. */
    public static void run(String reason, Runnable work) {
        call(reason, () -> {
            work.run();
            return null;
        });
    }

    /** Its own type, so no code mistakes the portal for a person who signed in with a password. */
    private static final class SystemAuthentication extends AbstractAuthenticationToken {

        private final String name;

        SystemAuthentication(String name) {
            super(List.of(new SimpleGrantedAuthority(Authorities.SYSTEM)));
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
