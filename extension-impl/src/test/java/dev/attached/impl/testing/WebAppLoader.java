package dev.attached.impl.testing;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Predicate;

/**
 * A web application's class loader: the classes it is told are its own it defines itself from its urls, first, as
 * servers load WEB-INF/lib; every other class comes from the test's class path.
 */
public final class WebAppLoader extends URLClassLoader {

    private final Predicate<String> ownClasses;

    public WebAppLoader(Predicate<String> ownClasses, URL... urls) {
        super(urls, WebAppLoader.class.getClassLoader());
        this.ownClasses = ownClasses;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (ownClasses.test(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
