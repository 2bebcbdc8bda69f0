* A complementarity pair names a parameter where its variable belongs
Set f / f1, f2 /;
Parameter c(f) / f1 1, f2 2 /;
Positive Variable q(f);
Variable p;
Equation foc(f), price;
foc(f).. c(f) - p + q(f) =g= 0;
price.. p =e= 10 - sum(f, q(f));
Model cournot / foc.c, price.p /;
solve cournot using mcp;
