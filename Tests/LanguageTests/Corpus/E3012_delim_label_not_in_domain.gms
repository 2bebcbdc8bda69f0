Sets t / t1*t3 /, i / a, b /;
Parameter p(t,i) /
$onDelim
t1,a,1
t2,  "b" ,2
t3, c ,3
t3,a,4
$offDelim
/;
Display p;
