package ca.uhn.fhir.archsample;

/**
 * Test-only stand-in in HAPI FHIR's package, so that HouseRulesTest can show the "only fhir sees
 * HAPI" rule firing before the real library is a dependency.
 */
public class StandInHapiType {
}
