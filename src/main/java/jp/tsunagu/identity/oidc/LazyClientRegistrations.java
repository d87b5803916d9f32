package jp.tsunagu.identity.oidc;

import java.util.function.Supplier;

import jp.tsunagu.identity.IdentityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * The portal's single client registration, built on first use rather than at start-up: the
 * embedded provider listens only after start-up, and an external provider that is briefly down must
 * not keep the portal (and its health endpoint) from starting. A failed discovery is retried at the
 * next login.
 */
public final class LazyClientRegistrations implements ClientRegistrationRepository {

    private final SingletonSupplier<ClientRegistration> registration;

    public LazyClientRegistrations(Supplier<ClientRegistration> factory) {
        this.registration = SingletonSupplier.of(factory);
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        return IdentityProperties.REGISTRATION_ID.equals(registrationId) ? registration.obtain() : null;
    }
}
