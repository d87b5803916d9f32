package jp.tsunagu.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chain's keys and checkpoints, from {@link AuditProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    /** Only the demo mode makes its own key; production names one or does not start. */
    @Bean
    ChainKeys chainKeys(AuditProperties properties, @Value("${tsunagu.mode:demo}") String mode) {
        return ChainKeys.load(properties.keyFile(), "demo".equals(mode));
    }

    @Bean
    ChainCheckpoints chainCheckpoints(AuditProperties properties, ChainKeys keys) {
        return new ChainCheckpoints(properties.checkpointDirectory(), keys);
    }
}
