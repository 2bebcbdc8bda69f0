$title Powers with a variable exponent
* Three small problems whose optima follow by calculus.
*  fit:   least-squares fit of a*t**b to data made exactly from 3*t**1.5 (t = 1..5):
*         a = 3, b = 1.5 and sum of squares 0.
*  self:  min x**x on x >= 0.05: d/dx exp(x*log(x)) = (log(x) + 1)*x**x = 0 gives
*         x = exp(-1) = 0.36787944117, value exp(-exp(-1)) = 0.69220062755535.
*  expo:  min 2**u + 2**(2 - 2*u): the derivative log(2)*(2**u - 2*2**(2 - 2*u)) vanishes
*         where u = 3 - 2*u, so u = 1 and the value is 2 + 1 = 3 (the function is convex).

Set t / 1*5 /;
Parameters tt(t) 'time', yobs(t) 'observations';
tt(t)   = ord(t);
yobs(t) = 3*tt(t)**1.5;

Variables a, b, sse, x, zself, u, zexpo;
a.l = 1;  b.l = 1;
x.lo = 0.05;  x.l = 1;
u.l = 0;

Equations deffit, defself, defexpo;

deffit..   sse   =e= sum(t, sqr(a*tt(t)**b - yobs(t)));
defself..  zself =e= x**x;
defexpo..  zexpo =e= 2**u + 2**(2 - 2*u);

Model fit  / deffit /;
Model self / defself /;
Model expo / defexpo /;

Solve fit using nlp minimizing sse;
Solve self using nlp minimizing zself;
Solve expo using nlp minimizing zexpo;

display sse.l, a.l, b.l, zself.l, x.l, zexpo.l, u.l;
