package jp.tsunagu.fhir;

import ca.uhn.fhir.context.FhirContext;
import jp.tsunagu.fhir.conformance.Conformance;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
class FhirConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FhirConfiguration.class);

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    /**
     * HAPI loads its model lazily: the first parse costs seconds. Pay it in the background after start-up
     * rather than in the first hospital's request. Tests turn it off ({@link Conformance#WARM_UP}): most never parse FHIR,
     * and forty test contexts each spending seconds of CPU on it cost CI minutes.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        if (!Conformance.warmUpWanted(event)) {
            return;
        }
        FhirContext fhir = event.getApplicationContext().getBean(FhirContext.class);
        Thread.ofVirtual().name("fhir-warm-up").start(() -> {
            long started = System.nanoTime();
            fhir.newJsonParser().parseResource(Patient.class,
                    "{\"resourceType\":\"Patient\",\"birthDate\":\"2000-01-01\"}");
            fhir.newJsonParser().encodeResourceToString(new org.hl7.fhir.r4.model.Bundle());
            log.info("FHIR model ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        });
    }
}
