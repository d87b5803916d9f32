package archsamples.bad;

import ca.uhn.fhir.archsample.StandInHapiType;

/** Broken on purpose (HouseRulesTest): a HAPI type outside the fhir module. */
public class HapiOutsideFhir {
    public Object parse() {
        return new StandInHapiType();
    }
}
