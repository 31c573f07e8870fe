package com.cloudalbum.deploy.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The configuration a module can bind, read from the sources instead of a list kept by hand: every
 * {@code @ConfigurationProperties("prefix") record} in the module and in {@code common} (the service
 * jars are repackaged by Spring Boot, so their classes cannot be loaded here), with nested records
 * expanded. Also the keys and values of the module's {@code application.yml}.
 */
final class ConfigurationKeys {

    private static final Pattern PREFIX = Pattern.compile("@ConfigurationProperties\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(");

    private ConfigurationKeys() {
    }

    /** Property names such as {@code album.aws.endpoints.dynamodb}, in Spring's canonical (kebab-case) form. */
    static SortedSet<String> boundBy(Path repoRoot, String module) {
        SortedSet<String> keys = new TreeSet<>();
        for (Path sources : List.of(repoRoot.resolve(module).resolve("src/main/java"), repoRoot.resolve("common/src/main/java"))) {
            javaFiles(sources).forEach(file -> keys.addAll(keysIn(read(file))));
        }
        return keys;
    }

    static List<String> keysIn(String source) {
        List<String> keys = new ArrayList<>();
        Matcher prefix = PREFIX.matcher(source);
        while (prefix.find()) {
            Matcher record = RECORD.matcher(source);
            if (record.find(prefix.end())) {
                addComponents(source, record, prefix.group(1), keys);
            }
        }
        return keys;
    }

    private static void addComponents(String source, Matcher record, String prefix, List<String> keys) {
        String header = withoutComments(balanced(source, record.end() - 1));
        for (String component : splitTopLevel(header)) {
            String declaration = stripAnnotations(component).trim();
            if (declaration.isEmpty()) {
                continue;
            }
            String[] parts = declaration.split("\\s+");
            String name = parts[parts.length - 1];
            String type = parts[parts.length - 2].replaceAll("<.*", "");
            String key = prefix + "." + kebab(name);
            Matcher nested = Pattern.compile("\\brecord\\s+" + Pattern.quote(type) + "\\s*\\(").matcher(source);
            if (nested.find()) {
                addComponents(source, nested, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The text between the parenthesis at {@code open} and its match. */
    private static String balanced(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                i = endOfString(source, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("unbalanced record header");
    }

    private static List<String> splitTopLevel(String header) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                i = endOfString(header, i);
            } else if (c == '(' || c == '<' || c == '{') {
                depth++;
            } else if (c == ')' || c == '>' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(header.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(header.substring(start));
        return parts;
    }

    private static String stripAnnotations(String component) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c != '@') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            while (j < component.length() && (Character.isJavaIdentifierPart(component.charAt(j)) || component.charAt(j) == '.')) {
                j++;
            }
            int k = j;
            while (k < component.length() && Character.isWhitespace(component.charAt(k))) {
                k++;
            }
            if (k < component.length() && component.charAt(k) == '(') {
                j = k + balanced(component, k).length() + 2;
            }
            i = j - 1;
            out.append(' ');
        }
        return out.toString();
    }

    /** Comments out, string literals kept (a default may hold "http://…"). */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = endOfString(source, i);
                out.append(source, i, end + 1);
                i = end;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) - 1;
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i) + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int endOfString(String source, int quote) {
        for (int i = quote + 1; i < source.length(); i++) {
            if (source.charAt(i) == '\\') {
                i++;
            } else if (source.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The module's {@code application.yml} as Spring loads it: flattened keys to values. */
    static Map<String, Object> yml(Path repoRoot, String module) {
        return flattened(ymlFile(repoRoot, module));
    }

    /** The module's {@code application-local.yml}: the values of the {@code local} profile (the local stack). */
    static Map<String, Object> localYml(Path repoRoot, String module) {
        return flattened(repoRoot.resolve(module).resolve("src/main/resources/application-local.yml"));
    }

    private static Map<String, Object> flattened(Path file) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (PropertySource<?> source : ymlSources(file)) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            for (String name : enumerable.getPropertyNames()) {
                values.putIfAbsent(name, String.valueOf(enumerable.getProperty(name)));
            }
        }
        return values;
    }

    static List<PropertySource<?>> ymlSources(Path file) {
        try {
            return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ymlFile(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("src/main/resources/application.yml");
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
