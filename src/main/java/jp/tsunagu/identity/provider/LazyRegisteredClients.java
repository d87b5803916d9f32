package jp.tsunagu.identity.provider;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * The embedded provider's single client. Its redirect URI contains the portal's port, which a test
 * on a random port knows only after start-up, so the client is built on first use.
 */
final class LazyRegisteredClients implements RegisteredClientRepository {

    private final SingletonSupplier<RegisteredClient> client;

    LazyRegisteredClients(Supplier<RegisteredClient> factory) {
        this.client = SingletonSupplier.of(factory);
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("The demo provider has exactly one, fixed client");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        RegisteredClient current = client.obtain();
        return current.getId().equals(id) ? current : null;
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        RegisteredClient current = client.obtain();
        return current.getClientId().equals(clientId) ? current : null;
    }
}
