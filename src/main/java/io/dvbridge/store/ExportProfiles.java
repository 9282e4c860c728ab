package io.dvbridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The export profiles of the state store ({@code dvb_export_profiles}), shared by every instance using it. */
public interface ExportProfiles {

    /** Every profile, by name. */
    List<ExportProfile> all();

    Optional<ExportProfile> find(String name);

    /** Adds a profile; false when one of that name exists already (the primary key decides, across instances). */
    boolean insert(ExportProfile profile);

    /** Replaces the profile of that name, keeping its creation time; false when there is none. */
    boolean update(ExportProfile profile);

    /** Turns the profile on or off; false when there is none. */
    boolean setActive(String name, boolean active, Instant at);

    /** Removes the profile; false when there was none. */
    boolean delete(String name);
}
