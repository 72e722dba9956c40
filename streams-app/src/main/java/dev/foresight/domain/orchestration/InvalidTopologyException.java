package dev.foresight.domain.orchestration;

import java.util.List;

/** A topology that cannot be planned or loaded, with every problem found, each naming what is wrong. */
public final class InvalidTopologyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidTopologyException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
