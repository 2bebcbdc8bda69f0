Set t / h1*h3 /;
Parameter temp(t) 'temperature in C' / h1 4, h2 -2, h3 1 /, x(t);
x(t) = temp(t)**0.5;
Display x;
