Set i / a, b /;
Parameter x(i) / a 2, b 3 /, y(i);
y(i) = power(x(i));
Display y;
