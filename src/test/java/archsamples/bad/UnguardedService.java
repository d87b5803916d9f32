package archsamples.bad;

import org.springframework.stereotype.Service;

/** Broken on purpose (HouseRulesTest): a public service method anyone may call. */
@Service
public class UnguardedService {
    public String everything() {
        return "everything";
    }
}
