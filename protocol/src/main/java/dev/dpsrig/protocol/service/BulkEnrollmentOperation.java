package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code BulkEnrollmentOperation} and {@code BulkEnrollmentGroupOperation}: a mode ({@code create},
 * {@code update}, {@code updateIfMatchETag}, {@code delete}) over several enrollments or groups.
 * Each item keeps its body as it came: the service reads it only when the mode writes it, so that a
 * malformed item fails alone, as one of the operation's errors.
 */
public record BulkEnrollmentOperation(Target target, String mode, List<Item> items) {
    public BulkEnrollmentOperation {
        items = List.copyOf(items);
    }

    /** What the operation is over: the list's member name and its items' id member. */
    public enum Target {
        ENROLLMENTS("enrollments", "registrationId"),
        ENROLLMENT_GROUPS("enrollmentGroups", "enrollmentGroupId");

        private final String listName;
        private final String idName;

        Target(String listName, String idName) {
            this.listName = listName;
            this.idName = idName;
        }

        public String listName() {
            return listName;
        }

        public String idName() {
            return idName;
        }
    }

    /**
     * One enrollment or group of the operation.
     *
     * @param etag what the item says its etag is, which {@code updateIfMatchETag} checks
     */
    public record Item(String id, Optional<String> etag, JsonObject body) {
    }

    public JsonObject toJson() {
        var list = Jsonp.createArrayBuilder();
        items.forEach(item -> list.add(item.body()));
        return Jsonp.createObjectBuilder().add("mode", mode).add(target.listName(), list).build();
    }

    /** @throws WireFormatException without a mode and a list, or with an item that has no id */
    public static BulkEnrollmentOperation fromJson(JsonObject json, Target target) {
        JsonValue list = json.get(target.listName());
        JsonValue mode = json.get("mode");
        if (!(list instanceof JsonArray array) || !(mode instanceof JsonString modeName)) {
            throw new WireFormatException("a bulk operation needs 'mode' and a '" + target.listName() + "' array");
        }
        List<Item> items = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject object) || !(object.get(target.idName()) instanceof JsonString id)) {
                throw new WireFormatException("every item of '" + target.listName() + "' needs '" + target.idName() + "'");
            }
            items.add(new Item(id.getString(), WireFields.string(object, "etag"), object));
        }
        return new BulkEnrollmentOperation(target, modeName.getString(), items);
    }
}
