package io.filament.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Keeps one {@link RunningStack} in the root store of the test run, which closes it after the last class. A
 * stack that failed to start is remembered too, so that every class fails with the same cause at once instead
 * of each waiting for its own start to time out.
 */
final class SharedStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        lease(context).stack();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return lease(extensionContext).stack();
    }

    private static StackLease lease(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(StackLease.class, key -> StackLease.start(), StackLease.class);
    }
}
