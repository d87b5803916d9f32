package jp.tsunagu.identity.oidc;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Every sign-in to the portal in the operations log: the provider's subject (an opaque id, no name)
 * and the roles it brought. Failures are logged where they happen (the login failure handler, the
 * provider's throttle).
 */
@Component
class SignInEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SignInEvents.class);

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof OAuth2AuthenticationToken token) {
            LOG.info("Signed in: subject {} with {}", token.getName(), token.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_")).sorted()
                    .collect(Collectors.joining(",")));
        }
    }
}
