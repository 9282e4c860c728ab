package io.dvbridge.check;

/** A privilege the application user holds, from RetrieveUserPrivileges. */
public record GrantedPrivilege(String name, Depth depth) {
}
