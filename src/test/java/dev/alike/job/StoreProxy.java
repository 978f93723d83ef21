package dev.alike.job;

import dev.alike.store.ModelStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A store seen only through the {@link ModelStore} interface, with a hook before every call. */
final class StoreProxy {
  /** Runs before each call with the method's name; may throw to fail the call. */
  interface Hook {
    void before(String method) throws Exception;
  }

  private StoreProxy() {}

  /** {@code target} behind the plain interface (no fast paths for its concrete class). */
  static ModelStore of(ModelStore target) {
    return of(target, method -> {});
  }

  static ModelStore of(ModelStore target, Hook hook) {
    return (ModelStore)
        Proxy.newProxyInstance(
            ModelStore.class.getClassLoader(),
            new Class<?>[] {ModelStore.class},
            (proxy, method, args) -> {
              hook.before(method.getName());
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
