package jp.tsunagu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tsunagu (つなぐ): the patient's record across hospitals, on one consent ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsunaguApplication {

    public static void main(String[] args) {
        SpringApplication.run(TsunaguApplication.class, args);
    }
}
