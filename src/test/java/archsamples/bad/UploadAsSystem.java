package archsamples.bad;

import jp.tsunagu.identity.SystemActor;

/**
 * Broken on purpose (HouseRulesTest): a patient's upload, a request a person made, run as the portal itself, so
 * that it passes every check the patient's own permission would not.
 */
class UploadAsSystem {

    String upload(byte[] bundle) {
        return SystemActor.call("patient-upload", () -> "stored " + bundle.length + " bytes");
    }
}
