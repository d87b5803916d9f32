package jp.tsunagu.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBundleSize larger bundles are refused before parsing (a document with images fits in 20 MB) */
@ConfigurationProperties("tsunagu.fhir")
public record FhirProperties(@DefaultValue("20MB") DataSize maxBundleSize) {
}
