package io.dvbridge.push;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One column of the target table, from its metadata.
 *
 * @param requiredLevel None, SystemRequired, ApplicationRequired or Recommended
 * @param dateOnly      a DateTime column with DateTimeBehavior DateOnly (written as {@code yyyy-MM-dd})
 * @param zoneless      a DateTime column with DateTimeBehavior TimeZoneIndependent (written as given, with {@code Z})
 * @param precision     decimal places a Decimal, Double or Money value may have
 * @param targets       for lookups: the tables it may point to
 */
public record TargetColumn(String name, ColumnType type, String requiredLevel, boolean validForCreate, boolean validForUpdate,
                           OptionalInt maxLength, OptionalDouble minValue, OptionalDouble maxValue, OptionalInt precision,
                           List<Choice> choices, boolean dateOnly, boolean zoneless, List<LookupTarget> targets) {

    public TargetColumn {
        choices = List.copyOf(choices);
        targets = List.copyOf(targets);
    }

    /** A value is needed when a row is created (the platform fills owner, state and status itself). */
    public boolean requiredOnCreate() {
        return ("SystemRequired".equals(requiredLevel) || "ApplicationRequired".equals(requiredLevel)) && validForCreate
                && type != ColumnType.UNSUPPORTED && !name.equals("ownerid") && !name.equals("statecode") && !name.equals("statuscode");
    }

    boolean validFor(WriteMode mode) {
        return switch (mode) {
            case CREATE -> validForCreate;
            case UPDATE -> validForUpdate;
            case UPSERT -> validForCreate && validForUpdate;
        };
    }
}
