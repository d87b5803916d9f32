package jp.tsunagu.identity;

import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;

/** Who is asking: the one place that turns the security context into an {@link Actor}. */
@Service
public class ActorService {

    private final IdentityProperties properties;

    ActorService(IdentityProperties properties) {
        this.properties = properties;
    }

    /** Anyone may ask who they are; an anonymous visitor gets nothing. */
    @PreAuthorize("permitAll()")
    public Optional<Actor> currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return Optional.empty();
        }
        Optional<Role> role = authentication.getAuthorities().stream()
                .flatMap(authority -> Role.fromAuthority(String.valueOf(authority.getAuthority())).stream())
                .findFirst();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        String name = Optional.ofNullable(user.getFullName())
                .or(() -> Optional.ofNullable(user.getPreferredUsername()))
                .orElse(user.getSubject());
        Optional<String> organisation = Optional.ofNullable(user.getClaimAsString(properties.organisationClaim()));
        return Optional.of(new Actor(user.getSubject(), name, role.get(), organisation));
    }
}
