package jp.tsunagu.research;

import java.util.List;

/** A query the privacy rules refuse (budget, differencing); logged as refused, nothing released. */
public class QueryRefusedException extends RuntimeException {

    private final transient List<Object> arguments;

    public QueryRefusedException(String key, Object... arguments) {
        super(key);
        this.arguments = List.of(arguments);
    }

    public String key() {
        return getMessage();
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
