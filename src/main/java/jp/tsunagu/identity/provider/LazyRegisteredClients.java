package jp.tsunagu.identity.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The embedded provider's fixed clients: the portal and the demo hospitals' systems. The portal's
 * redirect URI contains its port, which a test on a random port knows only after start-up, so the
 * clients are built on first use. The provider saves a client back when it re-encodes its secret
 * (first successful client authentication); only clients of the fixed set are accepted.
 */
final class LazyRegisteredClients implements RegisteredClientRepository {

    private final Supplier<List<RegisteredClient>> factory;
    /** By registered-client id; replaced as a whole, so readers never see a half-made change. */
    private final AtomicReference<@Nullable Map<String, RegisteredClient>> clients = new AtomicReference<>();

    LazyRegisteredClients(Supplier<List<RegisteredClient>> factory) {
        this.factory = factory;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        current();
        clients.updateAndGet(known -> {
            if (known == null || !known.containsKey(registeredClient.getId())) {
                throw new UnsupportedOperationException("The demo provider has a fixed set of clients");
            }
            Map<String, RegisteredClient> changed = new LinkedHashMap<>(known);
            changed.put(registeredClient.getId(), registeredClient);
            return Map.copyOf(changed);
        });
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return current().get(id);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return current().values().stream()
                .filter(client -> client.getClientId().equals(clientId))
                .findFirst()
                .orElse(null);
    }

    private Map<String, RegisteredClient> current() {
        Map<String, RegisteredClient> current = clients.get();
        if (current == null) {
            Map<String, RegisteredClient> built = new LinkedHashMap<>();
            factory.get().forEach(client -> built.put(client.getId(), client));
            clients.compareAndSet(null, Map.copyOf(built));
            current = clients.get();
        }
        return current;
    }
}
