#!/usr/bin/env python3
# Writes tests/fixtures/diagnosis/gateways/activemerchant-answers.json from a checkout of activemerchant/active_merchant:
#   python3 scripts/extract-gateway-answers.py PATH-TO-ACTIVE_MERCHANT-GIT-DIR > answers.json
import subprocess,re,json,hashlib,sys
REPO=sys.argv[1]
def git(*a): return subprocess.run(['git','-C',REPO]+list(a),capture_output=True,text=True,errors='replace').stdout
commit=git('rev-parse','HEAD').strip()
files=[f for f in git('ls-tree','-r','HEAD','--name-only').split('\n') if f.startswith('test/unit/gateways/') and f.endswith('_test.rb')]
out=[]
DEF=re.compile(r'^([ \t]*)def ((successful|failed|failure|declined|error|invalid|unsuccessful)\w*response\w*)(?:\([^)]*\))?\s*$',re.M)
def ruby_unescape_dq(s):
    # minimal: \" \\ \n \t
    return re.sub(r'\\(.)',lambda m:{'n':'\n','t':'\t','r':'\r','"':'"','\\':'\\','#':'#'}.get(m.group(1),'\\'+m.group(1)),s)
for f in files:
    src=git('show','HEAD:'+f)
    gw=f.split('/')[-1][:-8]
    for m in DEF.finditer(src):
        indent=m.group(1); name=m.group(2)
        end=re.compile(r'^'+indent+r'end\s*$',re.M).search(src,m.end())
        if not end: continue
        body=src[m.end():end.start()].strip('\n')
        b=body.strip()
        text=None
        h=re.match(r'^(?:%?\(?)?<<([~-]?)([\'"]?)([A-Z_]+)\2(\.\w+)*\s*\)?\n',b)
        if h:
            tag=h.group(3); interp=h.group(2)!="'"
            rest=b[h.end():]
            mm=re.search(r'^\s*'+tag+r'\s*$',rest,re.M)
            if not mm: continue
            text=rest[:mm.start()]
            if interp and '#{' in text: continue
            # strip common indentation
            lines=text.split('\n'); ind=min((len(l)-len(l.lstrip()) for l in lines if l.strip()),default=0)
            text='\n'.join(l[ind:] for l in lines)
            if interp: text=ruby_unescape_dq(text)
            after=rest[mm.end():].strip()
            if after: continue
            if h.group(4) and h.group(4) not in ('.strip','.squish','.freeze','.chomp'): continue
        elif re.fullmatch(r'"((?:[^"\\]|\\.)*)"',b,re.S):
            t=b[1:-1]
            if '#{' in t: continue
            text=ruby_unescape_dq(t)
        elif re.fullmatch(r"'((?:[^'\\]|\\.)*)'",b,re.S):
            text=re.sub(r"\\([\\'])",r'\1',b[1:-1])
        elif re.fullmatch(r'%[qQ]?\((.*)\)(\.\w+)*',b,re.S):
            i=b.index('(')
            depth=0;j=i
            while j<len(b):
                if b[j]=='\\': j+=2; continue
                if b[j]=='(': depth+=1
                elif b[j]==')':
                    depth-=1
                    if depth==0: break
                j+=1
            if b[j+1:].strip() not in ('','.strip','.squish','.freeze','.chomp'): continue
            t=b[i+1:j]
            if not b.startswith('%q') and '#{' in t: continue
            lines=t.split('\n'); ind=min((len(l)-len(l.lstrip()) for l in lines if l.strip()),default=0)
            text='\n'.join(l[ind:] for l in lines)
            if not b.startswith('%q'): text=ruby_unescape_dq(text)  # %( and %Q( are double-quoted strings
        elif re.fullmatch(r'%q\{(.*)\}',b,re.S):
            text=b[3:-1]
        else:
            continue
        text=text.strip()
        if not text or len(text)>200000: continue
        label='success' if name.startswith('successful') else 'failure'
        split='read' if hashlib.sha256(gw.encode()).digest()[0]%2==0 else 'measured'
        out.append({'gateway':gw,'name':name,'split':split,'label':label,'body':text})
about=("Payment gateways' answers as ActiveMerchant's unit tests hold them (test/unit/gateways/*_test.rb, the methods named "
 "successful_*_response, failed_*_, declined_*_, error_*_, invalid_*_, unsuccessful_*_response whose body is one literal string). "
 "label: success for successful_*, failure otherwise, as the test's name says (a few names disagree with their body). "
 "split: the first byte of SHA-256 of the gateway's name even -> read, odd -> measured only.")
json.dump({'source':'https://github.com/activemerchant/active_merchant','commit':commit,'licence':'MIT','about':about,'entries':out},sys.stdout,indent=1,ensure_ascii=False)
