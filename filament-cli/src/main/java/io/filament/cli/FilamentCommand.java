package io.filament.cli;

public class FilamentCommand {
    public static void main(String[] args) {
    }
}
