package jp.tsunagu.identity.provider;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The embedded provider's single client. Its redirect URI contains the portal's port, which a test
 * on a random port knows only after start-up, so the client is built on first use. The provider
 * saves the client back when it re-encodes the secret (first successful client authentication);
 * only that same client is accepted.
 */
final class LazyRegisteredClients implements RegisteredClientRepository {

    private final Supplier<RegisteredClient> factory;
    private final AtomicReference<@Nullable RegisteredClient> client = new AtomicReference<>();

    LazyRegisteredClients(Supplier<RegisteredClient> factory) {
        this.factory = factory;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        if (!current().getId().equals(registeredClient.getId())) {
            throw new UnsupportedOperationException("The demo provider has exactly one, fixed client");
        }
        client.set(registeredClient);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        RegisteredClient current = current();
        return current.getId().equals(id) ? current : null;
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        RegisteredClient current = current();
        return current.getClientId().equals(clientId) ? current : null;
    }

    private RegisteredClient current() {
        RegisteredClient current = client.get();
        if (current == null) {
            client.compareAndSet(null, factory.get());
            current = client.get();
        }
        return current;
    }
}
