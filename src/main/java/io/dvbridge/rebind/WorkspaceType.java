package io.dvbridge.rebind;

import java.util.Arrays;
import java.util.Optional;

/** Values of the choice column {@code msdyn_workspacetype}. */
public enum WorkspaceType {
    /** The workspace Microsoft provisions for out-of-box reports; custom reports never live there. */
    MANAGED(192350000, "Managed"),
    CUSTOMER_OWNED(192350001, "CustomerOwned");

    private final int optionValue;
    private final String label;

    WorkspaceType(int optionValue, String label) {
        this.optionValue = optionValue;
        this.label = label;
    }

    public int optionValue() {
        return optionValue;
    }

    public String label() {
        return label;
    }

    public static Optional<WorkspaceType> fromOptionValue(int optionValue) {
        return Arrays.stream(values()).filter(t -> t.optionValue == optionValue).findFirst();
    }

    /** The label of a known option value, else the raw number (for messages). */
    public static String describe(int optionValue) {
        return fromOptionValue(optionValue).map(WorkspaceType::label).orElse("type " + optionValue);
    }
}
