package dev.dpsrig.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A JSON tree the fuzzer can damage before it is written: unlike a JSON library's, it holds raw
 * fragments ({@link Raw}), so a value can become a 1,100-digit number, an unpaired surrogate escape
 * or bytes that are not UTF-8, exactly as a hostile client would send them.
 */
sealed interface Json {

    record Obj(LinkedHashMap<String, Json> fields) implements Json {
        static Obj of(Object... namesAndValues) {
            LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
            }
            return new Obj(fields);
        }
    }

    record Arr(List<Json> items) implements Json {
        static Arr of(Object... values) {
            List<Json> items = new ArrayList<>();
            for (Object value : values) {
                items.add(value(value));
            }
            return new Arr(items);
        }
    }

    record Str(String value) implements Json {
    }

    /** A number, {@code true}, {@code false} or {@code null}, written as it is. */
    record Literal(String text) implements Json {
    }

    /** Bytes written as they are, valid JSON or not. */
    record Raw(byte[] bytes) implements Json {
        static Raw text(String text) {
            return new Raw(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Json value(Object value) {
        return switch (value) {
            case Json json -> json;
            case String text -> new Str(text);
            case Number number -> new Literal(number.toString());
            case Boolean bool -> new Literal(bool.toString());
            case null -> new Literal("null");
            default -> throw new IllegalArgumentException("no JSON for " + value.getClass());
        };
    }

    default byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(this, out);
        return out.toByteArray();
    }

    private static void write(Json json, ByteArrayOutputStream out) {
        switch (json) {
            case Obj obj -> {
                out.write('{');
                boolean first = true;
                for (Map.Entry<String, Json> field : obj.fields().entrySet()) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    writeString(field.getKey(), out);
                    out.write(':');
                    write(field.getValue(), out);
                }
                out.write('}');
            }
            case Arr arr -> {
                out.write('[');
                for (int i = 0; i < arr.items().size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    write(arr.items().get(i), out);
                }
                out.write(']');
            }
            case Str str -> writeString(str.value(), out);
            case Literal literal -> out.writeBytes(literal.text().getBytes(StandardCharsets.UTF_8));
            case Raw raw -> out.writeBytes(raw.bytes());
        }
    }

    private static void writeString(String value, ByteArrayOutputStream out) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Every place in the tree a value sits, so a mutation can pick one: the root, then each field and item. */
    static List<Slot> slots(Json root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots, 0);
        return slots;
    }

    /** Where a value sits: a field of an object or an item of an array. */
    sealed interface Slot {
        Json get();

        void set(Json value);

        /** The field name, or empty for array items. */
        String name();
    }

    record FieldSlot(Obj parent, String name) implements Slot {
        @Override
        public Json get() {
            return parent.fields().get(name);
        }

        @Override
        public void set(Json value) {
            parent.fields().put(name, value);
        }
    }

    record ItemSlot(Arr parent, int index) implements Slot {
        @Override
        public Json get() {
            return parent.items().get(index);
        }

        @Override
        public void set(Json value) {
            parent.items().set(index, value);
        }

        @Override
        public String name() {
            return "";
        }
    }

    private static void collect(Json json, List<Slot> slots, int depth) {
        if (depth > 64) {
            return;
        }
        switch (json) {
            case Obj obj -> {
                for (String name : List.copyOf(obj.fields().keySet())) {
                    FieldSlot slot = new FieldSlot(obj, name);
                    slots.add(slot);
                    collect(slot.get(), slots, depth + 1);
                }
            }
            case Arr arr -> {
                for (int i = 0; i < arr.items().size(); i++) {
                    ItemSlot slot = new ItemSlot(arr, i);
                    slots.add(slot);
                    collect(slot.get(), slots, depth + 1);
                }
            }
            default -> {
            }
        }
    }

    /** A deep copy, so a template can be damaged without touching the next case's. */
    static Json copy(Json json) {
        return switch (json) {
            case Obj obj -> {
                LinkedHashMap<String, Json> fields = new LinkedHashMap<>();
                obj.fields().forEach((name, value) -> fields.put(name, copy(value)));
                yield new Obj(fields);
            }
            case Arr arr -> new Arr(new ArrayList<>(arr.items().stream().map(Json::copy).toList()));
            default -> json;
        };
    }

    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
