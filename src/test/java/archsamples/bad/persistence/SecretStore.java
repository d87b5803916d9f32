package archsamples.bad.persistence;

/** A stand-in repository for HouseRulesTest. */
public class SecretStore {
    public String read() {
        return "secret";
    }
}
