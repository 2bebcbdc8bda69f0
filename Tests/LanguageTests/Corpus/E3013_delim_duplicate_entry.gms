Sets t / t1*t2 /, i / a, b /;
Parameter p(t,i) /
$onDelim
t1,a,1
t2,b,2
T1,A,3
$offDelim
/;
Display p;
